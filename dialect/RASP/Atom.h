// RASP's element values and their operations, with the Python semantics RASP inherits.
#ifndef TFC_DIALECT_RASP_ATOM_H
#define TFC_DIALECT_RASP_ATOM_H

#include <cstdint>
#include <optional>
#include <string>
#include <variant>

namespace tfc::rasp {

/// The longest string `+` and `*` build; longer ones fail as an error, not as exhausted memory.
inline constexpr size_t kMaxStringLength = size_t(1) << 24;

/// One element of a RASP sequence: an int, a float, a string or a bool. RASP evaluates
/// element-wise operations with Python, so the operations below follow Python: `/` is true
/// division, `%` takes the sign of the divisor, `round` rounds half to even, bools take part in
/// arithmetic as 0 and 1, and mixing ints with floats gives floats.
class Atom {
public:
  enum class Kind { Int, Float, String, Bool };

  Atom() : value(int64_t(0)) {}
  static Atom ofInt(int64_t v) { return Atom(v); }
  static Atom ofFloat(double v) { return Atom(v); }
  static Atom ofString(std::string v) { return Atom(std::move(v)); }
  static Atom ofBool(bool v) { return Atom(v); }

  Kind kind() const { return static_cast<Kind>(value.index()); }
  bool isInt() const { return kind() == Kind::Int; }
  bool isFloat() const { return kind() == Kind::Float; }
  bool isString() const { return kind() == Kind::String; }
  bool isBool() const { return kind() == Kind::Bool; }
  /// Ints, floats and bools: what Python can add.
  bool isNumber() const { return !isString(); }

  int64_t getInt() const { return std::get<int64_t>(value); }
  double getFloat() const { return std::get<double>(value); }
  const std::string &getString() const { return std::get<std::string>(value); }
  bool getBool() const { return std::get<bool>(value); }
  /// The numeric value of an int, float or bool.
  double toDouble() const;

  /// Python truthiness: 0, 0.0, "" and False are false.
  bool truthy() const;

  /// Python's `==`: numbers compare by value across kinds (True == 1), strings only with
  /// strings.
  bool equals(const Atom &other) const;
  /// A strict weak order for sets and value sets: numbers of any kind by value (1, 1.0 and True
  /// are one key; NaN last), then strings. Not Python's `<`.
  bool operator<(const Atom &other) const;
  bool operator==(const Atom &other) const { return equals(other); }

  /// repr-like text: 3, 2.5, "a" quoted only when `quoteStrings`, True.
  std::string str(bool quoteStrings = false) const;
  /// The kind's name as RASP prints it: "int", "float", "string", "bool".
  const char *kindName() const;

private:
  explicit Atom(int64_t v) : value(v) {}
  explicit Atom(double v) : value(v) {}
  explicit Atom(std::string v) : value(std::move(v)) {}
  explicit Atom(bool v) : value(v) {}
  std::variant<int64_t, double, std::string, bool> value;
};

/// The result of an operation, or the message of the Python error it would raise.
struct AtomResult {
  std::optional<Atom> value;
  std::string error;
  static AtomResult ok(Atom a) { return {std::move(a), ""}; }
  static AtomResult fail(std::string message) { return {std::nullopt, std::move(message)}; }
  explicit operator bool() const { return value.has_value(); }
};

/// Binary operators: + - * / % ^ (power) == != < > <= >= and or.
AtomResult applyBinary(const std::string &op, const Atom &lhs, const Atom &rhs);
/// Unary operators: - + not.
AtomResult applyUnary(const std::string &op, const Atom &x);
/// Python's round(x): nearest integer, halves to even; an int result.
AtomResult applyRound(const Atom &x);
/// RASP's indicator(x): 1 if x is truthy, else 0.
Atom applyIndicator(const Atom &x);
/// Conversions used by tokens_int, tokens_float, tokens_bool, tokens_str.
AtomResult convertAtom(const Atom &x, Atom::Kind to);

} // namespace tfc::rasp

#endif
