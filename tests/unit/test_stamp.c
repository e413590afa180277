#include "test.h"
#include "fsutil.h"
#include "stamp.h"
#include <stdlib.h>
#include <unistd.h>

/* Waits until changes are older than the 100 ms racy window (a file's
 * ctime cannot be set back, so there is no faking it). */
static void settle(void) { usleep(120 * 1000); }

void suite_stamp(void) {
  char dir[] = "/tmp/varde-stamp-XXXXXX";
  if (!mkdtemp(dir)) return;
  char site[256], page[256], out[256], cache[256];
  snprintf(site, sizeof site, "%s/site", dir);
  snprintf(page, sizeof page, "%s/site/content/a.md", dir);
  snprintf(out, sizeof out, "%s/public", dir);
  snprintf(cache, sizeof cache, "%s/cache", dir);
  setenv("XDG_CACHE_HOME", cache, 1);
  fs_write(page, "a", 1);
  fs_mkdir_p(out);

  TEST("inputs changed in the last 100 ms give no stamp") {
    CHECK(stamp_inputs(site, "") == 0);
  }
  settle();
  uint64_t h = stamp_inputs(site, "");
  TEST("old inputs give a stable hash that depends on the options") {
    CHECK(h != 0);
    CHECK(stamp_inputs(site, "") == h);
    CHECK(stamp_inputs(site, "drafts=1") != h);
  }
  TEST("a written stamp matches until the output folder changes") {
    CHECK(!stamp_current(out, h));
    stamp_write(out, h);
    CHECK(stamp_current(out, h));
    CHECK(!stamp_current(out, h + 1));
    rmdir(out);
    fs_mkdir_p(out);
    CHECK(!stamp_current(out, h));
  }
  TEST("a rewritten file changes the hash") {
    fs_write(page, "b", 1); /* a new inode, as editors' saves often make */
    settle();
    CHECK(stamp_inputs(site, "") != h);
  }
  TEST("a new input folder changes the hash") {
    uint64_t before = stamp_inputs(site, "");
    char tpl[256];
    snprintf(tpl, sizeof tpl, "%s/site/templates", dir);
    fs_mkdir_p(tpl);
    settle();
    CHECK(stamp_inputs(site, "") != before);
  }
  TEST("stamping with 0 removes the stamp") {
    uint64_t now = stamp_inputs(site, "");
    stamp_write(out, now);
    CHECK(stamp_current(out, now));
    stamp_write(out, 0);
    CHECK(!stamp_current(out, now));
  }
  unsetenv("XDG_CACHE_HOME");
  fs_rm_rf(dir);
}
