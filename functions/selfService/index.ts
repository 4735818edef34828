import './page';
import './actions';
import './uploads';
