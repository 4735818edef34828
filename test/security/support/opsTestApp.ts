import '../../../functions/ops';
