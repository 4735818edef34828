import './openapi';
