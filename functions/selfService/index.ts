import '../lifecycle';
import './page';
import './actions';
import './uploads';
import './assets';
