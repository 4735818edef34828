import './planning';
import './boardScreen';
import './boardActions';
