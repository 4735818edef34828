import { boardAssets } from '../../web/console/dispatch/boardAssets';
import { serveAssets } from '../assets';
import './planning';
import './boardScreen';
import './boardActions';
import './boardLive';
import './mapsToken';

serveAssets('consoleDispatchAsset', 'console/dispatch/assets/{file}', boardAssets);
