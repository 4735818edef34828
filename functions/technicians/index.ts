import './statusUpdates';
import './workOrders';
