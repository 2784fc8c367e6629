// The bundled RASP library: rasplib.rasp, embedded at build time.
#include "frontend/rasp/Library.h"

namespace tfc::rasp {

const char *bundledLibrarySource() {
  static const char text[] = {
#include "frontend/rasp/rasplib.rasp.inc"
      , 0};
  return text;
}

} // namespace tfc::rasp
