import './slaSweep';
