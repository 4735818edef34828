import '../lifecycle';
import './workOrdersInbound';
