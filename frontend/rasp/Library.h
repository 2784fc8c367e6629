// The bundled RASP library (rasplib.rasp), compiled into the binary.
#ifndef TFC_FRONTEND_RASP_LIBRARY_H
#define TFC_FRONTEND_RASP_LIBRARY_H

namespace tfc::rasp {
/// The text of frontend/rasp/rasplib.rasp.
const char *bundledLibrarySource();
} // namespace tfc::rasp

#endif
