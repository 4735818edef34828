import './kpis';
