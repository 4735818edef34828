// The app entry (package.json "main" → dist/functions/index.js): each area registers its functions.
import './intake';
import './ops';
import './selfService';
import './journey';
import './technicians';
import './cases';
import './openapi';
import './smsReplies';
import './kpis';
import './customers';
import './sla';
import './privacy';
import './staff';
import './technicianApp';
import './console';
import './dispatch';
import './agent';
