import '../../cases/support/casesTestApp';
import '../../../functions/staff';
import '../../../functions/technicianApp';

/** The technician API with its stand-in journey (see casesTestApp), the staff shell and the technician app. */
