// Python semantics of RASP's element operations.
#include "dialect/RASP/Atom.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>

namespace tfc::rasp {

double Atom::toDouble() const {
  switch (kind()) {
  case Kind::Int: return static_cast<double>(getInt());
  case Kind::Float: return getFloat();
  case Kind::Bool: return getBool() ? 1.0 : 0.0;
  case Kind::String: return 0.0;
  }
  return 0.0;
}

bool Atom::truthy() const {
  switch (kind()) {
  case Kind::Int: return getInt() != 0;
  case Kind::Float: return getFloat() != 0.0;
  case Kind::Bool: return getBool();
  case Kind::String: return !getString().empty();
  }
  return false;
}

bool Atom::equals(const Atom &other) const {
  if (isString() || other.isString())
    return isString() && other.isString() && getString() == other.getString();
  if (isFloat() || other.isFloat())
    return toDouble() == other.toDouble();
  auto asInt = [](const Atom &a) { return a.isBool() ? int64_t(a.getBool()) : a.getInt(); };
  return asInt(*this) == asInt(other);
}

bool Atom::operator<(const Atom &other) const {
  // Numbers (of any kind) sort together by value so that equal numbers are one key.
  if (isNumber() && other.isNumber()) {
    if (equals(other))
      return false;
    // NaN (from inf - inf) sorts after every other number, so the order stays strict.
    double x = toDouble(), y = other.toDouble();
    if (std::isnan(x) || std::isnan(y))
      return !std::isnan(x);
    return x < y;
  }
  if (isNumber() != other.isNumber())
    return isNumber();
  return getString() < other.getString();
}

std::string Atom::str(bool quoteStrings) const {
  switch (kind()) {
  case Kind::Int: return std::to_string(getInt());
  case Kind::Bool: return getBool() ? "True" : "False";
  case Kind::String: return quoteStrings ? "\"" + getString() + "\"" : getString();
  case Kind::Float: {
    double v = getFloat();
    if (std::isnan(v))
      return "nan";
    if (std::isinf(v))
      return v > 0 ? "inf" : "-inf";
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.17g", v);
    // The shortest representation that reads back as v, as Python's repr.
    for (int precision = 1; precision <= 17; ++precision) {
      std::snprintf(buffer, sizeof buffer, "%.*g", precision, v);
      if (std::strtod(buffer, nullptr) == v)
        break;
    }
    std::string s = buffer;
    if (s.find_first_of(".eni") == std::string::npos)
      s += ".0";
    return s;
  }
  }
  return "";
}

const char *Atom::kindName() const {
  switch (kind()) {
  case Kind::Int: return "int";
  case Kind::Float: return "float";
  case Kind::String: return "string";
  case Kind::Bool: return "bool";
  }
  return "?";
}

namespace {

std::string stringTooLong() {
  return "string longer than " + std::to_string(kMaxStringLength) + " characters";
}

bool bothIntegral(const Atom &a, const Atom &b) {
  return (a.isInt() || a.isBool()) && (b.isInt() || b.isBool());
}

int64_t integral(const Atom &a) { return a.isBool() ? int64_t(a.getBool()) : a.getInt(); }

AtomResult typeError(const std::string &op, const Atom &a, const Atom &b) {
  return AtomResult::fail(std::string("unsupported operand types for ") + op + ": " +
                          a.kindName() + " and " + b.kindName());
}

/// Checked integer arithmetic: Python ints do not overflow, ours report it.
AtomResult intResult(bool overflow, int64_t v) {
  if (overflow)
    return AtomResult::fail("integer overflow (values beyond 64 bits are not supported)");
  return AtomResult::ok(Atom::ofInt(v));
}

AtomResult power(const Atom &a, const Atom &b) {
  if (bothIntegral(a, b) && integral(b) >= 0) {
    int64_t base = integral(a), exponent = integral(b), result = 1;
    for (int64_t i = 0; i < exponent; ++i) {
      if (__builtin_mul_overflow(result, base, &result))
        return intResult(true, 0);
      if (result == 0 || result == 1)
        break; // further factors cannot change it (base 0 or 1, or a 0 product)
    }
    if (base == -1)
      result = exponent % 2 ? -1 : 1;
    return AtomResult::ok(Atom::ofInt(result));
  }
  double x = a.toDouble(), y = b.toDouble();
  if (x == 0.0 && y < 0)
    return AtomResult::fail("0.0 cannot be raised to a negative power");
  double r = std::pow(x, y);
  if (std::isnan(r) && !std::isnan(x) && !std::isnan(y))
    return AtomResult::fail("a negative number raised to a fractional power is complex");
  return AtomResult::ok(Atom::ofFloat(r));
}

AtomResult compare(const std::string &op, const Atom &a, const Atom &b) {
  if (op == "==")
    return AtomResult::ok(Atom::ofBool(a.equals(b)));
  if (op == "!=")
    return AtomResult::ok(Atom::ofBool(!a.equals(b)));
  int order;
  if (a.isString() && b.isString()) {
    order = a.getString().compare(b.getString());
  } else if (a.isNumber() && b.isNumber()) {
    double x = a.toDouble(), y = b.toDouble();
    if (bothIntegral(a, b)) {
      int64_t i = integral(a), j = integral(b);
      order = i < j ? -1 : i > j ? 1 : 0;
    } else {
      if (std::isnan(x) || std::isnan(y))
        return AtomResult::ok(Atom::ofBool(false));
      order = x < y ? -1 : x > y ? 1 : 0;
    }
  } else {
    return AtomResult::fail("'" + op + "' is not supported between " + a.kindName() +
                            " and " + b.kindName());
  }
  bool r = op == "<" ? order < 0 : op == ">" ? order > 0 : op == "<=" ? order <= 0 : order >= 0;
  return AtomResult::ok(Atom::ofBool(r));
}

} // namespace

AtomResult applyBinary(const std::string &op, const Atom &a, const Atom &b) {
  if (op == "and")
    return AtomResult::ok(a.truthy() ? b : a);
  if (op == "or")
    return AtomResult::ok(a.truthy() ? a : b);
  if (op == "==" || op == "!=" || op == "<" || op == ">" || op == "<=" || op == ">=")
    return compare(op, a, b);
  if (op == "+" && a.isString() && b.isString()) {
    if (a.getString().size() + b.getString().size() > kMaxStringLength)
      return AtomResult::fail(stringTooLong());
    return AtomResult::ok(Atom::ofString(a.getString() + b.getString()));
  }
  if (op == "*" && (a.isString() != b.isString())) {
    const Atom &s = a.isString() ? a : b, &n = a.isString() ? b : a;
    if (!(n.isInt() || n.isBool()))
      return typeError(op, a, b);
    int64_t count = integral(n);
    // Divide rather than multiply: the product can overflow.
    if (count > 0 && !s.getString().empty() &&
        static_cast<uint64_t>(count) > kMaxStringLength / s.getString().size())
      return AtomResult::fail(stringTooLong());
    std::string r;
    for (int64_t i = 0; i < count; ++i)
      r += s.getString();
    return AtomResult::ok(Atom::ofString(r));
  }
  if (!a.isNumber() || !b.isNumber())
    return typeError(op, a, b);
  if (op == "^")
    return power(a, b);
  if (op == "/") {
    if (b.toDouble() == 0.0)
      return AtomResult::fail("division by zero");
    return AtomResult::ok(Atom::ofFloat(a.toDouble() / b.toDouble()));
  }
  if (bothIntegral(a, b)) {
    int64_t x = integral(a), y = integral(b), r = 0;
    if (op == "+")
      return intResult(__builtin_add_overflow(x, y, &r), r);
    if (op == "-")
      return intResult(__builtin_sub_overflow(x, y, &r), r);
    if (op == "*")
      return intResult(__builtin_mul_overflow(x, y, &r), r);
    if (op == "%") {
      if (y == 0)
        return AtomResult::fail("integer modulo by zero");
      if (x == std::numeric_limits<int64_t>::min() && y == -1)
        return AtomResult::ok(Atom::ofInt(0));
      r = x % y;
      if (r != 0 && ((r < 0) != (y < 0)))
        r += y; // Python: the result takes the sign of the divisor
      return AtomResult::ok(Atom::ofInt(r));
    }
  } else {
    double x = a.toDouble(), y = b.toDouble();
    if (op == "+")
      return AtomResult::ok(Atom::ofFloat(x + y));
    if (op == "-")
      return AtomResult::ok(Atom::ofFloat(x - y));
    if (op == "*")
      return AtomResult::ok(Atom::ofFloat(x * y));
    if (op == "%") {
      if (y == 0)
        return AtomResult::fail("float modulo by zero");
      double r = std::fmod(x, y);
      if (r != 0 && ((r < 0) != (y < 0)))
        r += y;
      return AtomResult::ok(Atom::ofFloat(r));
    }
  }
  return AtomResult::fail("unknown operator '" + op + "'");
}

AtomResult applyUnary(const std::string &op, const Atom &x) {
  if (op == "not")
    return AtomResult::ok(Atom::ofBool(!x.truthy()));
  if (!x.isNumber())
    return AtomResult::fail(std::string("bad operand type for unary ") + op + ": " +
                            x.kindName());
  if (op == "+")
    return AtomResult::ok(x.isBool() ? Atom::ofInt(x.getBool()) : x);
  if (op == "-") {
    if (x.isFloat())
      return AtomResult::ok(Atom::ofFloat(-x.getFloat()));
    int64_t v = integral(x), r;
    return intResult(__builtin_sub_overflow(int64_t(0), v, &r), r);
  }
  return AtomResult::fail("unknown operator '" + op + "'");
}

AtomResult applyRound(const Atom &x) {
  if (!x.isNumber())
    return AtomResult::fail(std::string("cannot round a ") + x.kindName());
  if (!x.isFloat())
    return AtomResult::ok(Atom::ofInt(integral(x)));
  double v = x.getFloat();
  if (!std::isfinite(v) || std::fabs(v) >= 9.2e18)
    return AtomResult::fail("cannot round " + x.str() + " to an integer");
  return AtomResult::ok(Atom::ofInt(static_cast<int64_t>(std::nearbyint(v))));
}

Atom applyIndicator(const Atom &x) { return Atom::ofInt(x.truthy() ? 1 : 0); }

AtomResult convertAtom(const Atom &x, Atom::Kind to) {
  switch (to) {
  case Atom::Kind::String:
    return AtomResult::ok(Atom::ofString(x.str()));
  case Atom::Kind::Bool:
    return AtomResult::ok(Atom::ofBool(x.truthy()));
  case Atom::Kind::Float:
    if (x.isString()) {
      char *end = nullptr;
      double v = std::strtod(x.getString().c_str(), &end);
      if (x.getString().empty() || *end)
        return AtomResult::fail("could not convert string to float: '" + x.getString() + "'");
      return AtomResult::ok(Atom::ofFloat(v));
    }
    return AtomResult::ok(Atom::ofFloat(x.toDouble()));
  case Atom::Kind::Int:
    if (x.isString()) {
      const std::string &s = x.getString();
      char *end = nullptr;
      long long v = std::strtoll(s.c_str(), &end, 10);
      if (s.empty() || *end)
        return AtomResult::fail("invalid literal for int(): '" + s + "'");
      return AtomResult::ok(Atom::ofInt(v));
    }
    if (x.isFloat()) {
      double v = x.getFloat();
      if (!std::isfinite(v) || std::fabs(v) >= 9.2e18)
        return AtomResult::fail("cannot convert " + x.str() + " to an integer");
      return AtomResult::ok(Atom::ofInt(static_cast<int64_t>(std::trunc(v))));
    }
    return AtomResult::ok(Atom::ofInt(integral(x)));
  }
  return AtomResult::fail("bad conversion");
}

} // namespace tfc::rasp
