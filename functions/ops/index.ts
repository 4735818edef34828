import '../lifecycle';
import './health';
import './journeys';
