import './customer360';
