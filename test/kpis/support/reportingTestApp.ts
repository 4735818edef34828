import '../../cases/support/casesTestApp';
import '../../../functions/selfService';
import '../../../functions/kpis';
import '../../../functions/customers';
import '../../../functions/sla';
import '../../../functions/privacy';
import '../../../functions/agent';

/**
 * The cases and technician functions with their stand-in journey (see casesTestApp), the survey
 * page, and the reporting areas: KPIs, customer 360, the SLA sweep and personal-data requests,
 * and the agent workspace's screens.
 */
