import '../lifecycle';
import './slaSweep';
