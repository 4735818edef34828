import '../lifecycle';
import './orchestration';
import './deliveryReports';
