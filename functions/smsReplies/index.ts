import './smsReceived';
