// The privacy area alone: its HTTP functions, the erasure orchestration and the retention timer.
import '../../../functions/privacy';
