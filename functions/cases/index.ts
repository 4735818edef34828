import './cases';
