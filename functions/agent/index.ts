import '../lifecycle';
import { agentAssets } from '../../web/agent/agentAssets';
import { serveAssets } from '../assets';
import './caseQueue';
import './caseScreens';
import './customerScreens';

serveAssets('agentAsset', 'agent/assets/{file}', agentAssets);
