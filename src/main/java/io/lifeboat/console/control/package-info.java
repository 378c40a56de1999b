/** What the console computes for people: how fresh a target's backups are, sizes and rates in words. */
package io.lifeboat.console.control;
