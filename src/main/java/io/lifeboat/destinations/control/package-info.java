/**
 * Places where backups are kept (a local folder today, object stores later), behind one sealed type.
 * Every destination shows an object only once it is complete, so a half-written dump is never mistaken for a backup.
 */
package io.lifeboat.destinations.control;
