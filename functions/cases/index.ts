import '../lifecycle';
import './cases';
