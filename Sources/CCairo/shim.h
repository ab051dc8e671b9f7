#pragma once
// Cairo's core API (image surfaces, paths, the toy text API, PNG streams) and its SVG surface.
#include <cairo.h>
#include <cairo-svg.h>
