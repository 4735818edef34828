import './health';
