import './deliveryReports';
