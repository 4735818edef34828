import '../../../functions/staff';
import '../../../functions/cases';
