import { sharedStaffAssets } from '../../web/staff/sharedAssets';
import { serveAssets } from '../assets';
import './home';

serveAssets('staffAsset', 'staff/assets/{file}', Object.values(sharedStaffAssets));
