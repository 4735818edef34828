import '../lifecycle';
import { agentAssets } from '../../web/agent/agentAssets';
import { serveStaffAssets } from '../staff/staffAssets';
import './caseQueue';
import './caseScreens';
import './customerScreens';

serveStaffAssets('agentAsset', 'agent/assets/{file}', agentAssets);
