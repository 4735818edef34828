import '../lifecycle';
import { consoleAssets } from '../../web/console/assets';
import { serveAssets } from '../assets';
import './journeysScreen';
import './journeySearch';
import './journeyScreen';
import './journeyActions';
import './kpisScreen';

serveAssets('consoleAsset', 'console/assets/{file}', consoleAssets);
