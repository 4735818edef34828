import '../../../functions/intake';
import '../../../functions/ops';
import '../../../functions/selfService';
import '../../../functions/journey';
import '../../../functions/technicians';
import '../../../functions/cases';
import '../../../functions/openapi';
import '../../../functions/smsReplies';
import '../../../functions/kpis';
import '../../../functions/customers';
import '../../../functions/staff';
import '../../../functions/console';

/*
 * The app without its five-minute SLA sweep and nightly retention timers: the console's stories
 * skip days ahead in virtual time, and sweeping every five minutes of them would be most of the run.
 */
