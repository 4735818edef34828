import './orchestration';
import './deliveryReports';
