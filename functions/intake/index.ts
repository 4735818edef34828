import './workOrdersInbound';
