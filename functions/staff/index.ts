import { sharedStaffAssets } from '../../web/staff/sharedAssets';
import { serveStaffAssets } from './staffAssets';
import './home';

serveStaffAssets('staffAsset', 'staff/assets/{file}', Object.values(sharedStaffAssets));
