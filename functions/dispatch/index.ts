import './planning';
import './boardScreen';
import './boardActions';
import './boardLive';
