import './planning';
