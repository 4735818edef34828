import '../lifecycle';
import './statusUpdates';
import './workOrders';
