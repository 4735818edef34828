import '../lifecycle';
import './kpis';
