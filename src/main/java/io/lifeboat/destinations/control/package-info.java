/**
 * Places where backups are kept (a local folder, an S3-compatible bucket, a OneDrive folder), behind one sealed type and one contract suite.
 * Every destination shows an object only once it is complete, so a half-written dump is never mistaken for a backup.
 */
package io.lifeboat.destinations.control;
