# reelflow::opencv — OpenCV core, imgproc, imgcodecs and videoio for plugins.
# Debian 12's per-module -dev packages ship the libraries and headers but not
# OpenCVConfig.cmake (only the large libopencv-dev meta package does), so find
# them by hand when find_package(OpenCV) cannot.
if(TARGET reelflow::opencv)
  return()
endif()

set(REELFLOW_OPENCV_MODULES core imgproc imgcodecs videoio)
find_package(OpenCV QUIET COMPONENTS ${REELFLOW_OPENCV_MODULES})
add_library(reelflow_opencv INTERFACE IMPORTED GLOBAL)
add_library(reelflow::opencv ALIAS reelflow_opencv)
if(OpenCV_FOUND)
  target_include_directories(reelflow_opencv SYSTEM INTERFACE ${OpenCV_INCLUDE_DIRS})
  foreach(module IN LISTS REELFLOW_OPENCV_MODULES)
    target_link_libraries(reelflow_opencv INTERFACE opencv_${module})
  endforeach()
else()
  find_path(REELFLOW_OPENCV_INCLUDE_DIR opencv2/core.hpp PATH_SUFFIXES opencv4 REQUIRED)
  # SYSTEM: OpenCV's headers are third-party code, not held to our -Werror.
  target_include_directories(reelflow_opencv SYSTEM INTERFACE ${REELFLOW_OPENCV_INCLUDE_DIR})
  foreach(module IN LISTS REELFLOW_OPENCV_MODULES)
    find_library(REELFLOW_OPENCV_${module}_LIBRARY opencv_${module} REQUIRED)
    target_link_libraries(reelflow_opencv INTERFACE ${REELFLOW_OPENCV_${module}_LIBRARY})
  endforeach()
endif()
