import '../lifecycle';
import { registerErasureActivities, registerErasureOrchestrator } from '../../orchestrations/privacy';
import { erasureDependencies } from './dependencies';
import './erasures';
import './exports';
import './retention';

registerErasureOrchestrator();
registerErasureActivities(erasureDependencies);
