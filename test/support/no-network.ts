// Runs before every test file: no test may reach the internet. Loopback stays
// open for the test's own HTTP server and the PostgreSQL it talks to.
import nock from 'nock';

nock.disableNetConnect();
nock.enableNetConnect(/^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/);
