import './health';
import './journeys';
