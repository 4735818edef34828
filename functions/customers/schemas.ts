import { z } from 'zod';
import { EntityId } from '../../shared/common/identifiers';

export const CustomerParams = z.object({ customerId: EntityId });
