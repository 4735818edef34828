import '../../cases/support/casesTestApp';
import '../../../functions/selfService';
import '../../../functions/kpis';
import '../../../functions/customers';
import '../../../functions/sla';
import '../../../functions/privacy';
import '../../../functions/technicianApp';
import '../../../functions/console';
import '../../../functions/dispatch';
import '../../../functions/agent';
import '../../../functions/ops';

/**
 * The cases and technician functions with their stand-in journey (see casesTestApp), the survey
 * page, the technician app's own reads, and the reporting areas: KPIs, customer 360, the SLA
 * sweep, personal-data requests, the operations console and ops API, dispatch planning and the
 * agent workspace.
 */
