import './shell';
import './customerAdditions';
