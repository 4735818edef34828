import '../lifecycle';
import './customer360';
