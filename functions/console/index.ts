import '../lifecycle';
import { consoleAssets } from '../../web/console/assets';
import { serveStaffAssets } from '../staff/staffAssets';
import './journeysScreen';
import './journeyScreen';
import './journeyActions';
import './kpisScreen';

serveStaffAssets('consoleAsset', 'console/assets/{file}', consoleAssets);
