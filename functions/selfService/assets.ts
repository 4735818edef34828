import { customerAssets } from '../../web/customer/assets';
import { serveAssets } from '../assets';

/** The customer pages' style sheet, script and icon. */
serveAssets('customerAsset', 'assets/{file}', Object.values(customerAssets));
