import '../lifecycle';
import './smsReceived';
